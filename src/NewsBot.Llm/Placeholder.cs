namespace NewsBot.Llm;

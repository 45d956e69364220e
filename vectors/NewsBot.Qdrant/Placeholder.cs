namespace NewsBot.Qdrant;

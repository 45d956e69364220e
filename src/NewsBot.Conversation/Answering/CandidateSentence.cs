using NewsBot.Domain;

namespace NewsBot.Conversation.Answering;

/// <summary>A sentence of a retrieved story that could answer the question, with the passage it lies in.</summary>
internal sealed record CandidateSentence(string Text, Story Story, Passage Passage, int StoryRank, double Score);

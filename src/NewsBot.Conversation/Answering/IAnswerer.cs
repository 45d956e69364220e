using NewsBot.Domain;
using NewsBot.Retrieval;

namespace NewsBot.Conversation.Answering;

/// <summary>Writes the answer to a question from what retrieval found. The extractive answerer needs no model.</summary>
public interface IAnswerer
{
    Task<Answer> AnswerAsync(RetrievalResult retrieval, CancellationToken cancellationToken = default);
}

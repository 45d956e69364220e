namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>
/// Checks a request body against the API description of the operation it is sent to. The fake Qdrant runs every
/// request it receives through one, so every body NewsBot sends during the tests is checked.
/// </summary>
public interface IRequestBodyValidator
{
    /// <summary>
    /// What is wrong with <paramref name="body"/> (null: no body) as the request body of <paramref name="method"/>
    /// <paramref name="path"/> (a concrete path such as <c>/collections/news/points/query</c>, no query string);
    /// empty when it is valid. Each message names the JSON path of the fault.
    /// </summary>
    IReadOnlyList<string> Validate(string method, string path, JsonNode? body);
}

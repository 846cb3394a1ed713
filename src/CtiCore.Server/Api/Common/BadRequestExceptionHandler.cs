using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace CtiCore.Server.Api.Common;

/// <summary>
/// Malformed JSON or an unparsable parameter becomes a 400 problem that names the field (the JSON path the
/// parser stopped at), instead of an empty 400 or a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var field = badRequest.InnerException is JsonException { Path: { Length: > 0 } path } ? FieldName(path) : "body";
        var detail = badRequest.InnerException is JsonException json
            ? $"The JSON body is invalid at '{field}': {FirstSentence(json.Message)}"
            : badRequest.Message;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read.",
                Detail = detail,
                Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } },
            },
        }).ConfigureAwait(false);
    }

    // "$.phones[0].number" -> "phones[0].number"; "$" (the whole body) -> "body".
    private static string FieldName(string path) => path is "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}

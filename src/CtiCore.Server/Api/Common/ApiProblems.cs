namespace CtiCore.Server.Api.Common;

/// <summary>Problem responses (RFC 9457 application/problem+json) used across the API.</summary>
internal static class ApiProblems
{
    public static IResult NotFound(string what) =>
        TypedResults.Problem(title: "Not found.", detail: $"{what} does not exist or is not visible to you.", statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string field, string detail, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>(), StringComparer.Ordinal) { ["field"] = field };
        return TypedResults.Problem(title: "Conflict.", detail: detail, statusCode: StatusCodes.Status409Conflict, extensions: all);
    }

    public static IResult Field(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors.ToResult();
    }
}

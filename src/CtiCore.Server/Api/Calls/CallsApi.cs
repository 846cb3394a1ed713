using System.Security.Claims;
using CtiCore.Server.Api.Common;
using CtiCore.Server.Auth;

namespace CtiCore.Server.Api.Calls;

/// <summary>Call control over REST: click-to-call (the caller's own phone rings first, then the client is dialled).</summary>
internal static class CallsApi
{
    public static IServiceCollection AddCallsApi(this IServiceCollection services) => services.AddSingleton<ClickToCallService>();

    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/calls").WithTags("Calls").RequireAuthorization();
        group.MapPost("/click-to-call", ClickToCallAsync)
            .WithSummary("Click-to-call: rings the caller's phone, then dials the client (by clientId) or a number.")
            .WithDescription("Exactly one of clientId and number. An agent may call only their own clients (404 otherwise, "
                + "also for a number that belongs to a client they cannot see). 400 for a number that is not a phone number, "
                + "409 when the caller has no phone endpoint or cannot take a call now. 202 with the call id: the call is "
                + "logged as an outbound Interaction with that call key when it ends.")
            .Produces<ClickToCallResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<IResult> ClickToCallAsync(ClickToCallRequest? request, ClaimsPrincipal principal, ClickToCallService service, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return ApiProblems.Field("clientId", "give either clientId or number.");
        }

        var outcome = await service.StartAsync(principal.ToCaller(), request, cancellationToken);
        return outcome.Status switch
        {
            ClickToCallStatus.Started => TypedResults.Accepted((string?)null, outcome.Call),
            ClickToCallStatus.NotFound => ApiProblems.NotFound(outcome.Field == "number" ? "A client with that number" : "The client"),
            ClickToCallStatus.Refused => ApiProblems.Conflict(outcome.Field!, outcome.Message!),
            _ => ApiProblems.Field(outcome.Field!, outcome.Message!),
        };
    }
}

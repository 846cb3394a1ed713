using System.Security.Claims;
using CtiCore.Data;
using CtiCore.Domain.Crm;
using CtiCore.Server.Api.Common;
using CtiCore.Server.Api.Users;
using CtiCore.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Api.Auth;

/// <summary>Log in with a cookie (browser) or get a bearer token (API clients); who am I; change my password.</summary>
internal static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimiting.PolicyName);
        group.MapPost("/logout", (Delegate)LogoutAsync).AllowAnonymous();
        group.MapPost("/token", TokenAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimiting.PolicyName);
        group.MapGet("/me", MeAsync);
        group.MapPut("/password", ChangePasswordAsync);
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, CredentialVerifier verifier, HttpContext http)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var user = await verifier.VerifyAsync(request.Login!.Trim(), request.Password!, http.RequestAborted).ConfigureAwait(false);
        if (user is null)
        {
            return BadCredentials();
        }

        await http.SignInAsync(AuthSchemes.Cookie, CallerPrincipal.Create(user, AuthSchemes.Cookie)).ConfigureAwait(false);
        return TypedResults.Ok(UserResponse.From(user));
    }

    private static async Task<IResult> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(AuthSchemes.Cookie).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> TokenAsync(LoginRequest request, CredentialVerifier verifier, AccessTokenIssuer issuer, HttpContext http)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var user = await verifier.VerifyAsync(request.Login!.Trim(), request.Password!, http.RequestAborted).ConfigureAwait(false);
        if (user is null)
        {
            return BadCredentials();
        }

        var token = issuer.Issue(user);
        return TypedResults.Ok(new TokenResponse(token.Value, "Bearer", token.ExpiresAt));
    }

    private static async Task<IResult> MeAsync(ClaimsPrincipal principal, CrmDbContext db, CancellationToken cancellationToken)
    {
        var caller = principal.ToCaller();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == caller.Id, cancellationToken).ConfigureAwait(false);
        return user is null ? TypedResults.Unauthorized() : TypedResults.Ok(UserResponse.From(user));
    }

    private static async Task<IResult> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, CrmDbContext db, IPasswordHasher<User> hasher, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Required("currentPassword", request.CurrentPassword);
        PasswordRules.Check("newPassword", request.NewPassword, errors);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var caller = principal.ToCaller();
        var user = await db.Users.FirstAsync(u => u.Id == caller.Id, cancellationToken).ConfigureAwait(false);
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword!) == PasswordVerificationResult.Failed)
        {
            return ApiProblems.Field("currentPassword", "does not match.");
        }

        user.PasswordHash = hasher.HashPassword(user, request.NewPassword!);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static IResult? Validate(LoginRequest request)
    {
        var errors = new ValidationErrors();
        errors.Required("login", request.Login);
        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add("password", "is required.");
        }

        return errors.Any ? errors.ToResult() : null;
    }

    private static ProblemHttpResult BadCredentials() =>
        TypedResults.Problem(title: "Login failed.", detail: "Unknown login or wrong password.", statusCode: StatusCodes.Status401Unauthorized);
}

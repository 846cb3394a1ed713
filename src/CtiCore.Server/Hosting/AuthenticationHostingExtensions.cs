using CtiCore.Domain.Crm;
using CtiCore.Server.Auth;
using CtiCore.Server.Configuration;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CtiCore.Server.Hosting;

/// <summary>
/// Cookie for the browser, JWT bearer for API clients; a policy scheme picks Bearer when an Authorization header
/// is present. Unauthenticated API calls get 401 and forbidden ones 403, never a redirect to a login page.
/// </summary>
internal static class AuthenticationHostingExtensions
{
    public static WebApplicationBuilder AddCtiAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<PrincipalRefresher>();
        services.AddLoginRateLimiting();

        services.AddAuthentication(AuthSchemes.CookieOrBearer)
            .AddPolicyScheme(AuthSchemes.CookieOrBearer, "Cookie or bearer token", o =>
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 || context.Request.Query.ContainsKey("access_token")
                        ? AuthSchemes.Bearer
                        : AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie)
            .AddJwtBearer(AuthSchemes.Bearer);
        services.AddSingleton<IConfigureOptions<CookieAuthenticationOptions>, ConfigureCookie>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureBearer>();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AuthPolicies.Admin, p => p.RequireRole(nameof(UserRole.Admin)))
            .AddPolicy(AuthPolicies.SupervisorOrAdmin, p => p.RequireRole(nameof(UserRole.Supervisor), nameof(UserRole.Admin)));
        return builder;
    }

    private sealed class ConfigureCookie(IOptions<AuthOptions> options, PrincipalRefresher refresher)
        : IConfigureNamedOptions<CookieAuthenticationOptions>
    {
        public void Configure(string? name, CookieAuthenticationOptions cookie)
        {
            if (name != AuthSchemes.Cookie)
            {
                return;
            }

            cookie.Cookie.Name = "cticore.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(options.Value.CookieHours);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            cookie.Events.OnValidatePrincipal = async context =>
            {
                var fresh = await refresher.RefreshAsync(context.Principal, AuthSchemes.Cookie, context.HttpContext.RequestAborted).ConfigureAwait(false);
                if (fresh is null)
                {
                    context.RejectPrincipal();
                }
                else
                {
                    context.ReplacePrincipal(fresh);
                }
            };
        }

        public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);
    }

    private sealed class ConfigureBearer(IOptions<AuthOptions> options, SigningKeyStore keys, PrincipalRefresher refresher)
        : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions bearer)
        {
            if (name != AuthSchemes.Bearer)
            {
                return;
            }

            var settings = options.Value;
            bearer.MapInboundClaims = false;
            bearer.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                IssuerSigningKey = keys.Key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = System.Security.Claims.ClaimTypes.Name,
                RoleClaimType = System.Security.Claims.ClaimTypes.Role,
            };
            bearer.Events = new JwtBearerEvents
            {
                // Browsers cannot set headers on WebSocket requests: SignalR sends the token in the query string.
                OnMessageReceived = context =>
                {
                    if (string.IsNullOrEmpty(context.Token) && context.Request.Query.TryGetValue("access_token", out var token))
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                },
                OnTokenValidated = async context =>
                {
                    var fresh = await refresher.RefreshAsync(context.Principal, AuthSchemes.Bearer, context.HttpContext.RequestAborted).ConfigureAwait(false);
                    if (fresh is null)
                    {
                        context.Fail("The user no longer exists or is deactivated.");
                    }
                    else
                    {
                        context.Principal = fresh;
                    }
                },
            };
        }

        public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
    }
}

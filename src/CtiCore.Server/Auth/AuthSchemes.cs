using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace CtiCore.Server.Auth;

internal static class AuthSchemes
{
    /// <summary>The default: forwards to <see cref="Bearer"/> when an Authorization header is present, else <see cref="Cookie"/>.</summary>
    public const string CookieOrBearer = "CookieOrBearer";
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Bearer = JwtBearerDefaults.AuthenticationScheme;
}

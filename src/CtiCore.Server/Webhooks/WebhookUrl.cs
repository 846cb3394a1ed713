namespace CtiCore.Server.Webhooks;

/// <summary>What a subscription URL may be: absolute http or https, without user:password (it would show in lists).</summary>
internal static class WebhookUrl
{
    public const int MaxLength = 2000;

    public static string? Problem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "is required.";
        }

        if (url.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters.";
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return "must be an absolute URL.";
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return "must use http or https.";
        }

        return string.IsNullOrEmpty(uri.UserInfo) ? null : "must not contain a user name or password; use the signing secret.";
    }
}

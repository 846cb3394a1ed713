using CtiCore.Domain.Ports;
using CtiCore.Sip.Authentication;

namespace CtiCore.Telephony.Sip;

/// <summary>The registrar's credentials are CRM users' stored digest secrets, valid only for the realm they were made in.</summary>
public sealed class SipAccountCredentialSource(ISipAccountDirectory accounts, string realm) : ISipCredentialSource
{
    public async ValueTask<SipCredentials?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(userName, cancellationToken).ConfigureAwait(false);
        return account is null || !string.Equals(account.Realm, realm, StringComparison.Ordinal)
            ? null
            : new SipCredentials(account.Md5Ha1, account.Sha256Ha1);
    }
}

using System.Security.Cryptography;
using CtiCore.Server.Configuration;
using CtiCore.Server.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CtiCore.Server.Auth;

/// <summary>
/// The key that signs access tokens: <c>Cti:Auth:SigningKey</c> when configured, else 64 random bytes generated
/// on first start and kept in <c>jwt-signing.key</c> (owner-only permissions) under the data folder. Never logged.
/// </summary>
internal sealed class SigningKeyStore
{
    public const string FileName = "jwt-signing.key";
    private const int GeneratedKeyBytes = 64;

    private readonly Lazy<SymmetricSecurityKey> _key;

    public SigningKeyStore(IOptions<AuthOptions> options, DataFolder dataFolder)
    {
        _key = new Lazy<SymmetricSecurityKey>(() => new SymmetricSecurityKey(Load(options.Value, dataFolder)) { KeyId = "cticore-1" });
    }

    public SymmetricSecurityKey Key => _key.Value;

    private static byte[] Load(AuthOptions options, DataFolder dataFolder)
    {
        if (!string.IsNullOrEmpty(options.SigningKey))
        {
            return Convert.FromBase64String(options.SigningKey);
        }

        var path = dataFolder.Combine(FileName);
        if (File.Exists(path))
        {
            var stored = Convert.FromBase64String(File.ReadAllText(path).Trim());
            if (stored.Length >= AuthOptionsValidator.MinimumKeyBytes)
            {
                return stored;
            }
        }

        var key = RandomNumberGenerator.GetBytes(GeneratedKeyBytes);
        var temporary = path + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, fileOptions))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        File.Move(temporary, path, overwrite: true);
        return key;
    }
}

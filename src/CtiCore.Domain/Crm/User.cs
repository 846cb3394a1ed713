namespace CtiCore.Domain.Crm;

/// <summary>A person who logs in: an agent (manager), a supervisor or an admin.</summary>
public sealed class User
{
    public long Id { get; set; }
    public required string Login { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>ASP.NET Core Identity v3 hash (PBKDF2-SHA512); never the password itself.</summary>
    public required string PasswordHash { get; set; }

    /// <summary>
    /// SIP digest secrets for the built-in PBX, H(user:realm:password) in hex (RFC 2617, RFC 8760), set with the
    /// password: one pair for the login as SIP user name, one for the extension. Never the password itself.
    /// </summary>
    public SipSecrets? Sip { get; set; }

    public UserRole Role { get; set; }
    public bool IsActive { get; set; } = true;

    public long? DepartmentId { get; set; }
    public Department? Department { get; set; }

    public List<string> Skills { get; set; } = [];

    /// <summary>PBX endpoints that ring this agent, e.g. "PJSIP/101" or "sip:101@cticore".</summary>
    public List<string> Endpoints { get; set; } = [];

    /// <summary>Short extension number dialled internally, e.g. "101".</summary>
    public string? Extension { get; set; }

    public List<Absence> Absences { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

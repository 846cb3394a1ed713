namespace CtiCore.Server.Hosting;

/// <summary>Set once the CRM schema is migrated; until then /health/ready says Unhealthy.</summary>
internal sealed class DatabaseReadiness
{
    private volatile bool _isMigrated;

    public bool IsMigrated => _isMigrated;

    public void MarkMigrated() => _isMigrated = true;
}

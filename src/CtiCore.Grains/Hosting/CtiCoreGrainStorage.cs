namespace CtiCore.Grains.Hosting;

/// <summary>The name of the grain storage provider every CtiCore grain state uses.</summary>
public static class CtiCoreGrainStorage
{
    public const string Name = "cticore";
}

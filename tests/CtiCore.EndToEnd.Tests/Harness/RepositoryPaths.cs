namespace CtiCore.EndToEnd.Tests.Harness;

public static class RepositoryPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CtiCore.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CtiCore.sln not found above " + AppContext.BaseDirectory);
    }
}

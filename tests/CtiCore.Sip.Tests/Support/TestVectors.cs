namespace CtiCore.Sip.Tests.Support;

internal static class TestVectors
{
    public static string Directory(string set) => Path.Combine(AppContext.BaseDirectory, "TestData", "sip", set);

    public static byte[] Rfc4475(string name) => File.ReadAllBytes(Path.Combine(Directory("rfc4475"), name + ".dat"));

    public static IEnumerable<string> Rfc4475Names() =>
        System.IO.Directory.GetFiles(Directory("rfc4475"), "*.dat").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;
}

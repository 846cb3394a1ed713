using System.Globalization;

namespace CtiCore.LookupBench;

/// <summary>Command-line settings; every one has a default that reproduces docs/benchmarks.md.</summary>
internal sealed record BenchOptions(int Clients, int Lookups, int WarmUp, string DatabasePath, bool Rebuild, int Seed)
{
    public static BenchOptions Parse(string[] args)
    {
        var clients = 1_000_000;
        var lookups = 20_000;
        var warmUp = 2_000;
        string? path = null;
        var rebuild = false;
        var seed = 20260101;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--clients": clients = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--lookups": lookups = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": warmUp = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--db": path = Next(); break;
                case "--rebuild": rebuild = true; break;
                case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                default:
                    throw new ArgumentException(
                        $"Unknown argument '{args[i]}'. Usage: [--clients N] [--lookups N] [--warmup N] [--db PATH] [--rebuild] [--seed N]");
            }
        }

        if (clients < 1 || lookups < 1 || warmUp < 0)
        {
            throw new ArgumentException("--clients and --lookups must be positive, --warmup not negative.");
        }

        path ??= Path.Combine("artifacts", "bench", $"lookup-{clients}.db");
        return new BenchOptions(clients, lookups, warmUp, Path.GetFullPath(path), rebuild, seed);
    }
}

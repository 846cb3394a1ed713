using System.Globalization;

namespace CtiCore.SipCallBench;

/// <summary>The bench's agents and their phones: every agent registers the one answering sipp UAS as its contact.</summary>
internal static class AgentPhones
{
    public const string Password = "Bench-Agent-Passw0rd!";

    public static string Login(int agent) => "bench" + agent.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>REGISTER with digest (sipp answers MD5) of <paramref name="login"/>, contact 127.0.0.1:<paramref name="uasPort"/>.</summary>
    public static async Task RegisterAsync(int sipPort, string login, int uasPort)
    {
        await using var register = SippProcess.Start([
            "127.0.0.1:" + I(sipPort), "-sf", SippProcess.Scenario("agent-register.xml"), "-s", login, "-au", login, "-ap", Password,
            "-key", "phone_port", I(uasPort), "-i", "127.0.0.1", "-p", I(BenchPorts.Next()), "-m", "1", "-timeout", "20s", "-timeout_error"]);
        var (code, output) = await register.WaitAsync(TimeSpan.FromSeconds(30));
        if (code != 0)
        {
            throw new InvalidOperationException($"Agent {login} could not register: {output}");
        }
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}

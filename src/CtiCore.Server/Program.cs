using CtiCore.Server.Hosting;

// Everything lives in Hosting/ServerApplication.cs (services + pipeline) and Hosting/ServerProgram.cs (exit codes).
return await ServerProgram.RunAsync(args).ConfigureAwait(false);

/// <summary>The entry point type, public so WebApplicationFactory&lt;Program&gt; can start the server in tests.</summary>
public partial class Program;

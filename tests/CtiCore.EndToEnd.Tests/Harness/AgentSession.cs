using CtiCore.Abstractions.Agents;
using Microsoft.AspNetCore.SignalR.Client;

namespace CtiCore.EndToEnd.Tests.Harness;

/// <summary>A CRM agent with a sipp phone, signed in to the agent hub as the desktop would be.</summary>
public sealed class AgentSession(long id, string login, string displayName, string extension, SippPhone phone, HttpClient api, HubConnection hub) : IAsyncDisposable
{
    public long Id { get; } = id;

    public string Login { get; } = login;

    public string DisplayName { get; } = displayName;

    /// <summary>The PJSIP endpoint name ("2001"); the CRM user's endpoint is "PJSIP/" + this.</summary>
    public string Extension { get; } = extension;

    public SippPhone Phone { get; } = phone;

    /// <summary>REST as this agent (bearer token).</summary>
    public HttpClient Api { get; } = api;

    public HubConnection Hub { get; } = hub;

    public Task SetAvailableAsync() => Hub.InvokeAsync("SetAvailable");

    public Task PauseAsync(string reason) => Hub.InvokeAsync("Pause", reason);

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        Api.Dispose();
    }
}

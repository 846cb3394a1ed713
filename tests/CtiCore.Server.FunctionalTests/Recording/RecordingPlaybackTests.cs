using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using CtiCore.Domain.Telephony;
using CtiCore.Media.Recording;
using CtiCore.Server.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Server.FunctionalTests.Recording;

/// <summary>
/// Sales: agents A and B, supervisor S; Support: supervisor T. Each test records its own calls through the whole
/// pipeline: PBX events → session → encode (libopus) → verify → link to the Interaction → playback.
/// </summary>
public sealed class RecordingPlaybackTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private RecordingRig _rig = null!;
    private HttpClient _admin = null!, _a = null!, _b = null!, _s = null!, _t = null!;
    private long _agentA, _agentB, _sales;
    private long _clientA;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _rig = new RecordingRig(Path.Combine(_folder.Path, "data"), Path.Combine(_folder.Path, "monitor"), TimeSpan.FromSeconds(1));
        _admin = await _rig.Factory.AdminAsync();
        _sales = await Crm.DepartmentAsync(_admin, "Sales");
        var support = await Crm.DepartmentAsync(_admin, "Support");
        _agentA = await Crm.UserAsync(_admin, "rec.a", "Agent", _sales);
        _agentB = await Crm.UserAsync(_admin, "rec.b", "Agent", _sales);
        await Crm.UserAsync(_admin, "rec.s", "Supervisor", _sales);
        await Crm.UserAsync(_admin, "rec.t", "Supervisor", support);
        _a = await _rig.Factory.LoginWithTokenAsync("rec.a", Crm.AgentPassword);
        _b = await _rig.Factory.LoginWithTokenAsync("rec.b", Crm.AgentPassword);
        _s = await _rig.Factory.LoginWithTokenAsync("rec.s", Crm.AgentPassword);
        _t = await _rig.Factory.LoginWithTokenAsync("rec.t", Crm.AgentPassword);
        _clientA = (await Crm.ClientAsync(_a, "Client of A", Crm.MoscowNumber())).Id();
    }

    public async ValueTask DisposeAsync()
    {
        await _rig.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<(long InteractionId, CtiCore.Domain.Crm.Interaction Linked, string Wav)> RecordedCallAsync(long agentId, long? clientId, double seconds = 4)
    {
        var callKey = RecordingRig.NewCallKey();
        var interactionId = await _rig.InteractionAsync(callKey, agentId, clientId, _sales);
        var wav = _rig.WriteWav(callKey, seconds);
        await _rig.RecordCallWithPauseAsync(callKey, DateTimeOffset.UtcNow, seconds);
        return (interactionId, await _rig.LinkedAsync(interactionId), wav);
    }

    [Fact]
    public async Task A_finished_call_is_encoded_verified_linked_and_its_wav_removed()
    {
        var (_, linked, wav) = await RecordedCallAsync(_agentA, _clientA, seconds: 4);

        var file = _rig.FileOf(linked);
        var bytes = await File.ReadAllBytesAsync(file, Ct);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), linked.RecordingSha256);
        Assert.Equal(bytes.Length, linked.RecordingBytes);
        Assert.Equal(4000, linked.RecordingDurationMs);
        Assert.False(File.Exists(wav));

        // Laid out by date and call: yyyy/MM/dd/<callKey>.opus under the root.
        var utc = DateTime.UtcNow;
        Assert.Matches($@"^\d{{4}}/\d{{2}}/\d{{2}}/{System.Text.RegularExpressions.Regex.Escape(linked.CallKey)}\.opus$", linked.RecordingKey);
        Assert.StartsWith(utc.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture), linked.RecordingKey, StringComparison.Ordinal);

        var wavBytes = 4 * RecordingRig.SampleRate * 2;
        Assert.True(bytes.Length * 4 < wavBytes, $"{bytes.Length} bytes of Opus for {wavBytes} bytes of WAV is not 4× smaller");
    }

    [Fact]
    public async Task Pause_markers_are_in_the_ogg_comments_and_on_the_interaction()
    {
        var (_, linked, _) = await RecordedCallAsync(_agentA, _clientA);

        var (exit, output) = RecordingRig.Run("opusinfo", _rig.FileOf(linked));
        Assert.True(exit == 0, output);
        Assert.Contains("CTICORE_PAUSE=1.000-2.000", output, StringComparison.Ordinal);
        Assert.Contains($"CTICORE_CALL_KEY={linked.CallKey}", output, StringComparison.Ordinal);
        Assert.Equal("1.000-2.000", linked.RecordingPauses);
    }

    [Fact]
    public async Task Playback_honours_range_requests_with_206_and_the_files_own_bytes()
    {
        var (interactionId, linked, _) = await RecordedCallAsync(_agentA, _clientA);
        var bytes = await File.ReadAllBytesAsync(_rig.FileOf(linked), Ct);

        using var whole = await _a.GetAsync($"/api/recordings/{interactionId}", Ct);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("audio/ogg", whole.Content.Headers.ContentType!.MediaType);
        Assert.Contains("bytes", whole.Headers.AcceptRanges);
        Assert.Equal(bytes, await whole.Content.ReadAsByteArrayAsync(Ct));

        var from = bytes.Length / 3;
        var to = from + 99;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/recordings/{interactionId}");
        request.Headers.Range = new RangeHeaderValue(from, to);
        using var partial = await _a.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(new ContentRangeHeaderValue(from, to, bytes.Length), partial.Content.Headers.ContentRange);
        Assert.Equal(bytes[from..(to + 1)], await partial.Content.ReadAsByteArrayAsync(Ct));

        // Every request is audited: who, when, which, what range.
        await _rig.Factory.WithDbAsync(async db =>
        {
            var audit = await db.RecordingPlaybacks.AsNoTracking().Where(p => p.InteractionId == interactionId).OrderBy(p => p.Id).ToListAsync(Ct);
            Assert.Equal(2, audit.Count);
            Assert.All(audit, p => Assert.Equal(_agentA, p.UserId));
            Assert.All(audit, p => Assert.Equal("served", p.Outcome));
            Assert.Null(audit[0].Range);
            Assert.Equal($"bytes={from}-{to}", audit[1].Range);
        });
    }

    [Fact]
    public async Task An_agent_cannot_fetch_another_agents_recording_and_a_supervisor_only_their_departments()
    {
        var (ofB, _, _) = await RecordedCallAsync(_agentB, clientId: null);

        Assert.Equal(HttpStatusCode.NotFound, (await _a.GetAsync($"/api/recordings/{ofB}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _t.GetAsync($"/api/recordings/{ofB}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _b.GetAsync($"/api/recordings/{ofB}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _s.GetAsync($"/api/recordings/{ofB}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _rig.Factory.CreateClient().GetAsync($"/api/recordings/{ofB}", Ct)).StatusCode);

        // Refusals leave no audit row; the two plays do.
        await _rig.Factory.WithDbAsync(async db =>
            Assert.Equal(2, await db.RecordingPlaybacks.CountAsync(p => p.InteractionId == ofB, Ct)));
    }

    [Fact]
    public async Task A_file_whose_sha256_no_longer_matches_is_refused_and_logged()
    {
        var (interactionId, linked, _) = await RecordedCallAsync(_agentA, _clientA);
        var file = _rig.FileOf(linked);
        var bytes = await File.ReadAllBytesAsync(file, Ct);
        bytes[bytes.Length / 2] ^= 0x5A;
        await File.WriteAllBytesAsync(file, bytes, Ct);

        using var response = await _a.GetAsync($"/api/recordings/{interactionId}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.DoesNotContain("OggS", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await _rig.Factory.WithDbAsync(async db =>
            Assert.Equal("integrity-failed", (await db.RecordingPlaybacks.SingleAsync(p => p.InteractionId == interactionId, Ct)).Outcome));
        Assert.Contains($"Recording of interaction {interactionId} refused", _rig.Factory.ReadLogs(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_source_wav_fails_the_job_keeps_the_wav_and_links_nothing()
    {
        var callKey = RecordingRig.NewCallKey();
        var interactionId = await _rig.InteractionAsync(callKey, _agentA, _clientA, _sales);
        var wav = Path.Combine(_rig.MonitorFolder, callKey + ".wav");
        await File.WriteAllTextAsync(wav, "this is not a RIFF file at all, just text where audio should be", Ct);

        var encoder = _rig.Factory.Services.GetRequiredService<RecordingEncoder>();
        await _rig.PublishAsync(new RecordingStarted(), callKey, DateTimeOffset.UtcNow);
        await _rig.PublishAsync(new RecordingStopped(), callKey, DateTimeOffset.UtcNow.AddSeconds(3));
        var job = await encoder.WhenFinishedAsync(callKey, Ct);

        Assert.Equal(RecordingJobState.Failed, job.State);
        Assert.Contains("RIFF", job.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.True(File.Exists(wav));
        Assert.DoesNotContain(Directory.EnumerateFiles(_rig.RecordingsRoot, "*.opus", SearchOption.AllDirectories), f => f.Contains(callKey, StringComparison.Ordinal));
        await _rig.Factory.WithDbAsync(async db =>
            Assert.Null((await db.Interactions.SingleAsync(i => i.Id == interactionId, Ct)).RecordingSha256));
    }

    [Fact]
    public async Task A_clients_erasure_deletes_their_recordings_except_under_legal_hold_and_is_audited()
    {
        var (kept, keptLinked, _) = await RecordedCallAsync(_agentA, _clientA);
        var (erased, erasedLinked, _) = await RecordedCallAsync(_agentA, _clientA);
        using (var hold = await _s.PutAsJsonAsync($"/api/recordings/{kept}/legal-hold", new { hold = true }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, hold.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await _a.DeleteAsync($"/api/clients/{_clientA}/recordings", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _t.DeleteAsync($"/api/clients/{_clientA}/recordings", Ct)).StatusCode);

        using var response = await _s.DeleteAsync($"/api/clients/{_clientA}/recordings", Ct);
        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([erased], body.GetProperty("erased").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([kept], body.GetProperty("heldByLegalHold").EnumerateArray().Select(e => e.GetInt64()));

        Assert.False(File.Exists(_rig.FileOf(erasedLinked)));
        Assert.True(File.Exists(_rig.FileOf(keptLinked)));
        Assert.Equal(HttpStatusCode.NotFound, (await _a.GetAsync($"/api/recordings/{erased}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _a.GetAsync($"/api/recordings/{kept}", Ct)).StatusCode);
        await _rig.Factory.WithDbAsync(async db =>
        {
            var audit = await db.RecordingErasures.AsNoTracking().SingleAsync(Ct);
            Assert.Equal(erased, audit.InteractionId);
            Assert.Equal(_clientA, audit.ClientId);
            Assert.Equal("ClientRequest", audit.Reason);
            Assert.Equal(erasedLinked.RecordingSha256, audit.Sha256);
            Assert.Equal((await _s.GetJsonAsync("/api/auth/me")).Id(), audit.RequestedById);
        });
    }

    [Fact]
    public async Task Pause_and_resume_of_a_call_the_caller_is_not_on_answer_404()
    {
        var unknown = RecordingRig.NewCallKey();
        using var response = await _a.PostAsync($"/api/calls/{unknown}/recording/pause", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

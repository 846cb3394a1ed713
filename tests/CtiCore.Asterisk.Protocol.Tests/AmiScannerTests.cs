using System.Buffers;

namespace CtiCore.Asterisk.Protocol.Tests;

public sealed class AmiScannerTests
{
    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Every_vector_reads_the_same_in_one_chunk_and_split_at_every_byte(string name)
    {
        var (text, expectedPackets) = AmiVectors.Get(name);
        var data = AmiVectors.Bytes(text);
        var whole = ScannerDriver.OneChunk(data);
        Assert.Null(whole.Error);
        Assert.Equal(expectedPackets, whole.Packets.Count);
        Assert.Equal(data.Length, whole.ConsumedBytes);

        for (var split = 1; split < data.Length; split++)
        {
            var parts = ScannerDriver.Run(data, [split]);
            Assert.Null(parts.Error);
            AssertSamePackets(whole.Packets, parts.Packets);
        }

        var byteByByte = ScannerDriver.Run(data, [.. Enumerable.Range(1, data.Length)]);
        AssertSamePackets(whole.Packets, byteByByte.Packets);
    }

    public static TheoryData<string> VectorNames() => AmiVectors.Names();

    [Fact]
    public void Banner_is_the_first_packet()
    {
        var result = ScannerDriver.OneChunk(AmiVectors.Bytes(AmiVectors.BannerAndLogin));
        Assert.Equal(AmiPacketKind.Banner, result.Packets[0].Kind);
        Assert.Equal("Asterisk Call Manager/11.0.0", result.Packets[0].Banner);
        var login = result.Packets[1];
        Assert.Equal(AmiPacketKind.Response, login.Kind);
        Assert.True(login.IsSuccess);
        Assert.Equal("1", login.ActionId);
        Assert.Equal("Authentication accepted", login["message"]);
    }

    [Fact]
    public void Repeated_keys_are_all_kept_in_order()
    {
        var packet = ScannerDriver.OneChunk(AmiVectors.Bytes(AmiVectors.RepeatedKeys)).Packets[1];
        Assert.Equal(["CTICORE_DNIS=5551000", "CTICORE_RECORDING=1795.1.wav", "EMPTY="], packet.GetAll("ChanVariable"));
        Assert.True(packet.TryGetChannelVariable("CTICORE_RECORDING", out var recording));
        Assert.Equal("1795.1.wav", recording);
        Assert.True(packet.TryGetChannelVariable("EMPTY", out var empty));
        Assert.Equal(string.Empty, empty);
        Assert.False(packet.TryGetChannelVariable("CTICORE", out _));
    }

    [Fact]
    public void Legacy_follows_output_keeps_blank_lines_and_colons_and_drops_the_end_marker()
    {
        var packets = ScannerDriver.OneChunk(AmiVectors.Bytes(AmiVectors.LegacyFollows)).Packets;
        var response = packets[1];
        Assert.True(response.IsSuccess);
        Assert.Equal("7", response.ActionId);
        Assert.Equal(["Asterisk 1.8.32.3 built by root", string.Empty, "Verbosity: 3"], response.OutputLines);
        Assert.Equal("FullyBooted", packets[2].EventName);
    }

    [Fact]
    public void Asterisk_22_command_output_lines_read_as_output()
    {
        var response = ScannerDriver.OneChunk(AmiVectors.Bytes(AmiVectors.CommandOutput22)).Packets[1];
        Assert.Equal(
            ["Asterisk 22.10.1 built by debian @ debian on a x86_64 running Linux", "  indented: keeps its spaces", string.Empty],
            response.OutputLines);
    }

    [Fact]
    public void Utf8_values_decode_and_colons_in_values_stay()
    {
        var packet = ScannerDriver.OneChunk(AmiVectors.Bytes(AmiVectors.Utf8Values)).Packets[1];
        Assert.Equal("Jürgen Müller 日本 ☎", packet["CallerIDName"]);
        Assert.Equal("2026-11-23T15:05:35.724+0000", packet["EventTV"]);
        Assert.Equal(string.Empty, packet["Empty"]);
        Assert.Equal(string.Empty, packet["SpaceOnly"]);
        Assert.Null(packet["Missing"]);
    }

    [Fact]
    public void An_event_with_a_Response_field_is_an_event()
    {
        var packets = ScannerDriver.OneChunk(AmiVectors.Bytes(AmiVectors.OriginateResponse)).Packets;
        Assert.Equal(AmiPacketKind.Response, packets[1].Kind);
        Assert.Equal("OriginateResponse", packets[2].EventName);
        Assert.Equal("Success", packets[2]["Response"]);
        Assert.Equal("cti-3", packets[2].ActionId);
    }

    [Fact]
    public void A_second_Response_inside_a_response_is_a_missing_blank_line()
    {
        var result = ScannerDriver.OneChunk(AmiVectors.Bytes(
            "Asterisk Call Manager/11.0.0\r\nResponse: Success\r\nActionID: 1\r\nResponse: Error\r\nActionID: 2\r\n\r\n"));
        Assert.Equal(AmiErrorReason.MissingBlankLine, result.Error?.Reason);
    }

    [Fact]
    public void Bare_line_feeds_are_accepted()
    {
        var packet = ScannerDriver.OneChunk(AmiVectors.Bytes(AmiVectors.BareLineFeeds)).Packets[1];
        Assert.Equal("Hangup", packet.EventName);
        Assert.Equal("Normal Clearing", packet["Cause-txt"]);
    }

    [Fact]
    public void Values_are_materialized_once_and_lazily()
    {
        var packet = ScannerDriver.OneChunk(AmiVectors.Bytes(AmiVectors.Utf8Values)).Packets[1];
        var first = packet["CallerIDName"];
        Assert.Same(first, packet["CallerIDName"u8]);
        Assert.True(packet.ValueEquals("callerIDnum"u8, "+33 1 23 45 67 89"u8));
    }

    [Fact]
    public void Garbage_after_the_banner_is_a_malformed_line()
    {
        var result = ScannerDriver.OneChunk(AmiVectors.Bytes("Asterisk Call Manager/11.0.0\r\nhello world\r\n\r\n"));
        Assert.Equal(AmiErrorReason.MalformedLine, result.Error?.Reason);
        Assert.Contains("hello world", result.Error!.Message, StringComparison.Ordinal);
        Assert.True(result.Error.IsProtocolDesync);
    }

    [Fact]
    public void A_peer_that_is_not_asterisk_is_refused_at_the_banner()
    {
        var result = ScannerDriver.OneChunk(AmiVectors.Bytes("SSH-2.0-OpenSSH_9.2\r\n"));
        Assert.Equal(AmiErrorReason.InvalidBanner, result.Error?.Reason);
    }

    [Fact]
    public void A_missing_blank_line_between_two_packets_is_detected()
    {
        var result = ScannerDriver.OneChunk(AmiVectors.Bytes(
            "Asterisk Call Manager/11.0.0\r\nEvent: Newstate\r\nChannel: A\r\nEvent: Hangup\r\nChannel: A\r\n\r\n"));
        Assert.Equal(AmiErrorReason.MissingBlankLine, result.Error?.Reason);
    }

    [Fact]
    public void A_packet_without_event_or_response_is_refused()
    {
        var result = ScannerDriver.OneChunk(AmiVectors.Bytes("Asterisk Call Manager/11.0.0\r\nChannel: A\r\n\r\n"));
        Assert.Equal(AmiErrorReason.UnknownPacketKind, result.Error?.Reason);
    }

    [Fact]
    public void A_key_with_control_bytes_is_refused()
    {
        var result = ScannerDriver.OneChunk([.. AmiVectors.Bytes("Asterisk Call Manager/11.0.0\r\nEv"), 0, .. AmiVectors.Bytes("ent: X\r\n\r\n")]);
        Assert.Equal(AmiErrorReason.InvalidKey, result.Error?.Reason);
    }

    [Fact]
    public void An_incomplete_packet_waits_for_more_data()
    {
        var result = ScannerDriver.OneChunk(AmiVectors.Bytes("Asterisk Call Manager/11.0.0\r\nEvent: Hangup\r\nChannel: A\r\n"));
        Assert.Null(result.Error);
        Assert.Single(result.Packets);
        Assert.Equal(30, result.ConsumedBytes);
    }

    [Fact]
    public void A_one_megabyte_value_under_the_limit_is_accepted()
    {
        var value = new string('x', 1_000_000);
        var data = AmiVectors.Bytes($"Event: UserEvent\r\nBody: {value}\r\n\r\n");
        var result = ScannerDriver.Run(data, [.. Enumerable.Range(1, data.Length / 65536).Select(i => i * 65536)], maxPacketBytes: 2 * 1024 * 1024, expectBanner: false);
        Assert.Null(result.Error);
        Assert.Equal(value, Assert.Single(result.Packets)["Body"]);
    }

    [Fact]
    public void A_value_over_the_limit_is_refused_before_its_end_arrives()
    {
        var data = AmiVectors.Bytes($"Event: UserEvent\r\nBody: {new string('x', 1_100_000)}");
        var result = ScannerDriver.Run(data, [.. Enumerable.Range(1, data.Length / 65536).Select(i => i * 65536)], expectBanner: false);
        Assert.Equal(AmiErrorReason.PacketTooLarge, result.Error?.Reason);
        Assert.Contains("1048576", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_packet_over_the_limit_is_refused()
    {
        var data = AmiVectors.Bytes($"Event: UserEvent\r\nBody: {new string('x', 200)}\r\n\r\n");
        var result = ScannerDriver.OneChunk(data, maxPacketBytes: 128, expectBanner: false);
        Assert.Equal(AmiErrorReason.PacketTooLarge, result.Error?.Reason);
    }

    [Fact]
    public void After_an_error_the_scanner_stays_failed()
    {
        var state = new AmiScannerState();
        var buffer = new ReadOnlySequence<byte>(AmiVectors.Bytes("not a banner\r\nEvent: X\r\n\r\n"));
        Assert.Equal(OperationStatus.InvalidData, AmiScanner.TryRead(ref state, buffer, out _, out _));
        Assert.Equal(OperationStatus.InvalidData, AmiScanner.TryRead(ref state, buffer, out var consumed, out var packet));
        Assert.Null(packet);
        Assert.Equal(buffer.Start, consumed);
    }

    [Fact]
    public void Binary_junk_never_throws_and_always_ends_in_a_clear_state()
    {
        var random = new Random(20261123);
        for (var i = 0; i < 3000; i++)
        {
            var junk = new byte[random.Next(1, 600)];
            random.NextBytes(junk);
            // Sprinkle line ends and colons so the junk reaches the deeper paths of the scanner.
            for (var j = 0; j < junk.Length / 8; j++)
            {
                junk[random.Next(junk.Length)] = (byte)"\r\n:\n"[random.Next(4)];
            }

            var withBanner = random.Next(2) == 0;
            var data = withBanner ? [.. AmiVectors.Bytes("Asterisk Call Manager/11.0.0\r\n"), .. junk] : junk;
            var result = ScannerDriver.Run(data, [random.Next(1, data.Length + 1)], maxPacketBytes: 256, expectBanner: withBanner);
            if (result.Error is not null)
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
            }

            foreach (var packet in result.Packets)
            {
                // Reading every field of a junk packet must not throw either (invalid UTF-8 becomes U+FFFD).
                _ = packet.Fields.ToList();
            }
        }
    }

    [Fact]
    public void Scanning_is_linear_when_data_trickles_in()
    {
        // A 200 KB packet delivered 1 KB at a time: the scanner must not rescan from the packet start each time.
        var data = AmiVectors.Bytes($"Event: UserEvent\r\n{string.Concat(Enumerable.Repeat("Line: 0123456789012345678901234567890123456789\r\n", 4000))}\r\n");
        var state = new AmiScannerState(expectBanner: false);
        var deliveries = 0;
        OperationStatus status;
        var length = 0;
        do
        {
            length = Math.Min(data.Length, length + 1024);
            deliveries++;
            status = AmiScanner.TryRead(ref state, new ReadOnlySequence<byte>(data, 0, length), out _, out _);
            if (status == OperationStatus.NeedMoreData)
            {
                // Resumes where it stopped: the next call starts at the end of what was examined, not at the start.
                Assert.Equal(length, state.ScanOffset);
            }
        }
        while (status == OperationStatus.NeedMoreData);

        Assert.Equal(OperationStatus.Done, status);
        Assert.True(state.ScanOffset == 0 && state.LineStart == 0, "state resets after a packet");
        Assert.True(deliveries > 100);
    }

    private static void AssertSamePackets(IReadOnlyList<AmiPacket> expected, IReadOnlyList<AmiPacket> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Kind, actual[i].Kind);
            Assert.Equal(expected[i].Fields, actual[i].Fields);
        }
    }
}

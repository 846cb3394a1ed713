using System.Runtime.InteropServices;

namespace CtiCore.Media.Native;

/// <summary>libopus 1.3 (Debian libopus0). Request numbers are from opus_defines.h.</summary>
internal static partial class OpusNative
{
    public const int Ok = 0;

    public const int ApplicationVoip = 2048;
    public const int ApplicationAudio = 2049;

    public const int SignalVoice = 3001;

    public const int BandwidthNarrowband = 1101;
    public const int BandwidthMediumband = 1102;
    public const int BandwidthWideband = 1103;
    public const int BandwidthFullband = 1105;

    public const int SetApplicationRequest = 4000;
    public const int SetBitrateRequest = 4002;
    public const int GetBitrateRequest = 4003;
    public const int SetMaxBandwidthRequest = 4004;
    public const int SetVbrRequest = 4006;
    public const int SetComplexityRequest = 4010;
    public const int GetComplexityRequest = 4011;
    public const int SetSignalRequest = 4024;
    public const int GetLookaheadRequest = 4027;

    [LibraryImport(NativePlatform.LibOpus, EntryPoint = "opus_encoder_create")]
    public static partial OpusEncoderHandle EncoderCreate(int sampleRate, int channels, int application, out int error);

    [LibraryImport(NativePlatform.LibOpus, EntryPoint = "opus_encoder_destroy")]
    public static partial void EncoderDestroy(IntPtr encoder);

    [LibraryImport(NativePlatform.LibOpus, EntryPoint = "opus_encode")]
    public static unsafe partial int Encode(OpusEncoderHandle encoder, short* pcm, int frameSize, byte* data, int maxDataBytes);

    // Variadic in C: see NativePlatform for why a fixed signature is sound on Linux x64.
    [LibraryImport(NativePlatform.LibOpus, EntryPoint = "opus_encoder_ctl")]
    public static partial int EncoderCtl(OpusEncoderHandle encoder, int request, int value);

    [LibraryImport(NativePlatform.LibOpus, EntryPoint = "opus_encoder_ctl")]
    public static partial int EncoderCtl(OpusEncoderHandle encoder, int request, out int value);

    [LibraryImport(NativePlatform.LibOpus, EntryPoint = "opus_decoder_create")]
    public static partial OpusDecoderHandle DecoderCreate(int sampleRate, int channels, out int error);

    [LibraryImport(NativePlatform.LibOpus, EntryPoint = "opus_decoder_destroy")]
    public static partial void DecoderDestroy(IntPtr decoder);

    [LibraryImport(NativePlatform.LibOpus, EntryPoint = "opus_decode")]
    public static unsafe partial int Decode(OpusDecoderHandle decoder, byte* data, int length, short* pcm, int frameSize, int decodeFec);

    [LibraryImport(NativePlatform.LibOpus, EntryPoint = "opus_packet_get_nb_samples")]
    public static unsafe partial int PacketGetSampleCount(byte* packet, int length, int sampleRate);

    [LibraryImport(NativePlatform.LibOpus, EntryPoint = "opus_strerror")]
    public static partial IntPtr StrError(int error);

    [LibraryImport(NativePlatform.LibOpus, EntryPoint = "opus_get_version_string")]
    public static partial IntPtr GetVersionString();

    public static string Describe(int error) => Marshal.PtrToStringUTF8(StrError(error)) ?? $"opus error {error}";
}

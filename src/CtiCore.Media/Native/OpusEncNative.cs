using System.Runtime.InteropServices;

namespace CtiCore.Media.Native;

/// <summary>libopusenc 0.2 (Debian libopusenc0), the Opus project's Ogg Opus writer. Names from opusenc.h.</summary>
internal static partial class OpusEncNative
{
    public const int Ok = 0;

    /// <summary>OPE_SET_COMMENT_PADDING_REQUEST: bytes reserved in OpusTags for later metadata edits.</summary>
    public const int SetCommentPaddingRequest = 14004;

    /// <summary>OPE_SET_SERIALNO_REQUEST.</summary>
    public const int SetSerialNumberRequest = 14006;

    /// <summary>Mirrors <c>OpusEncCallbacks</c>: two C function pointers.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct Callbacks
    {
        public delegate* unmanaged<IntPtr, byte*, int, int> Write;
        public delegate* unmanaged<IntPtr, int> Close;
    }

    [LibraryImport(NativePlatform.LibOpusEnc, EntryPoint = "ope_comments_create")]
    public static partial OggOpusCommentsHandle CommentsCreate();

    [LibraryImport(NativePlatform.LibOpusEnc, EntryPoint = "ope_comments_destroy")]
    public static partial void CommentsDestroy(IntPtr comments);

    [LibraryImport(NativePlatform.LibOpusEnc, EntryPoint = "ope_comments_add", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int CommentsAdd(OggOpusCommentsHandle comments, string tag, string value);

    [LibraryImport(NativePlatform.LibOpusEnc, EntryPoint = "ope_encoder_create_callbacks")]
    public static unsafe partial OggOpusEncoderHandle EncoderCreateCallbacks(
        Callbacks* callbacks, IntPtr userData, OggOpusCommentsHandle comments, int rate, int channels, int family, out int error);

    [LibraryImport(NativePlatform.LibOpusEnc, EntryPoint = "ope_encoder_write")]
    public static unsafe partial int EncoderWrite(OggOpusEncoderHandle encoder, short* pcm, int samplesPerChannel);

    [LibraryImport(NativePlatform.LibOpusEnc, EntryPoint = "ope_encoder_drain")]
    public static partial int EncoderDrain(OggOpusEncoderHandle encoder);

    [LibraryImport(NativePlatform.LibOpusEnc, EntryPoint = "ope_encoder_destroy")]
    public static partial void EncoderDestroy(IntPtr encoder);

    // Variadic in C: see NativePlatform for why a fixed signature is sound on Linux x64.
    [LibraryImport(NativePlatform.LibOpusEnc, EntryPoint = "ope_encoder_ctl")]
    public static partial int EncoderCtl(OggOpusEncoderHandle encoder, int request, int value);

    [LibraryImport(NativePlatform.LibOpusEnc, EntryPoint = "ope_encoder_ctl")]
    public static partial int EncoderCtl(OggOpusEncoderHandle encoder, int request, out int value);

    [LibraryImport(NativePlatform.LibOpusEnc, EntryPoint = "ope_strerror")]
    public static partial IntPtr StrError(int error);

    [LibraryImport(NativePlatform.LibOpusEnc, EntryPoint = "ope_get_version_string")]
    public static partial IntPtr GetVersionString();

    public static string Describe(int error) => Marshal.PtrToStringUTF8(StrError(error)) ?? $"libopusenc error {error}";
}

using Microsoft.Win32.SafeHandles;

namespace CtiCore.Media.Native;

/// <summary>Owns a libopusenc Ogg Opus encoder (ope_encoder_create_*); freed exactly once, even if the owner forgets to dispose.</summary>
internal sealed class OggOpusEncoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OggOpusEncoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpusEncNative.EncoderDestroy(handle);
        return true;
    }
}

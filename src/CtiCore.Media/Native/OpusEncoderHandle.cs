using Microsoft.Win32.SafeHandles;

namespace CtiCore.Media.Native;

/// <summary>Owns a libopus encoder (opus_encoder_create); freed exactly once, even if the owner forgets to dispose.</summary>
internal sealed class OpusEncoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OpusEncoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpusNative.EncoderDestroy(handle);
        return true;
    }
}

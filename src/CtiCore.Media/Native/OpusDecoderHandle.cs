using Microsoft.Win32.SafeHandles;

namespace CtiCore.Media.Native;

/// <summary>Owns a libopus decoder (opus_decoder_create); freed exactly once, even if the owner forgets to dispose.</summary>
internal sealed class OpusDecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OpusDecoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpusNative.DecoderDestroy(handle);
        return true;
    }
}

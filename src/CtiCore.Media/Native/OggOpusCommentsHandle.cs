using Microsoft.Win32.SafeHandles;

namespace CtiCore.Media.Native;

/// <summary>Owns a libopusenc comments object (ope_comments_create); freed exactly once, even if the owner forgets to dispose.</summary>
internal sealed class OggOpusCommentsHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OggOpusCommentsHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpusEncNative.CommentsDestroy(handle);
        return true;
    }
}

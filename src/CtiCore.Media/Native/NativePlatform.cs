using System.Runtime.InteropServices;

namespace CtiCore.Media.Native;

/// <summary>
/// Guards the native Opus bindings. <c>opus_encoder_ctl</c> and <c>ope_encoder_ctl</c> are variadic in C; we import
/// them with fixed <c>int</c>/<c>int*</c> arguments. That is only correct where the calling convention passes the
/// first variadic integer arguments exactly like fixed ones: the System V AMD64 ABI (§3.5.7) does, Apple arm64 does
/// not (variadics go on the stack). We have checked it on Linux x64 only, so everything else is refused up front with
/// a clear message instead of silently corrupting encoder settings.
/// </summary>
internal static class NativePlatform
{
    public const string LibOpus = "libopus.so.0";
    public const string LibOpusEnc = "libopusenc.so.0";
    public const string LibC = "libc";

    private static readonly bool Supported =
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    public static void EnsureSupported()
    {
        if (!Supported)
        {
            throw new PlatformNotSupportedException(
                $"CtiCore.Media binds libopus/libopusenc variadic ctl functions with fixed arguments, which is verified on Linux x64 only; " +
                $"this process runs on {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}.");
        }
    }
}

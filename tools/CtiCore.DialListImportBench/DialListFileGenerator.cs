using System.Globalization;
using System.Text;

namespace CtiCore.DialListImportBench;

/// <summary>Writes a synthetic dial list: Moscow numbers in mixed written forms, one duplicate every N rows.</summary>
public static class DialListFileGenerator
{
    public static void Write(string path, int rows, int duplicateEvery)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        writer.Write("Телефон;ФИО;Регион\r\n");
        for (var i = 0; i < rows; i++)
        {
            // Every duplicateEvery-th row repeats the number of the row before it, written differently.
            var n = (i % duplicateEvery == duplicateEvery - 1) ? i - 1 : i;
            var digits = (2_000_000 + n).ToString(CultureInfo.InvariantCulture);
            var phone = i % 2 == 0 ? $"+7 495 {digits}" : $"8 (495) {digits[..3]}-{digits[3..5]}-{digits[5..]}";
            writer.Write(phone);
            writer.Write(";Клиент ");
            writer.Write(i.ToString(CultureInfo.InvariantCulture));
            writer.Write(";Москва\r\n");
        }
    }
}

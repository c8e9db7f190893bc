namespace AkLight.Producer.Sending;

/// <summary>
/// Turns what <c>send</c> is given into payload bytes: text as UTF-8, or with <c>--base64</c> decoded from base64
/// (binary payloads on a command line or in a line-oriented stream); <c>--payload-file</c> as the file's bytes.
/// </summary>
internal static class Payloads
{
    /// <summary>The bytes of <paramref name="text"/>; <paramref name="where"/> names it in errors (<c>--message</c>, <c>line 3</c>).</summary>
    public static byte[] FromText(string text, bool base64, string where)
    {
        if (!base64) return Encoding.UTF8.GetBytes(text);
        try
        {
            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new UsageException($"{where}: not valid base64 (--base64 was given)");
        }
    }

    /// <summary>
    /// The whole of a file (or standard input for <c>-</c>) as one payload, as is; with <paramref name="base64"/>
    /// its text is decoded (line breaks allowed, as base64 tools write them).
    /// </summary>
    public static byte[] FromFile(string path, bool base64, Stream standardInput)
    {
        byte[] bytes;
        try
        {
            if (path == "-")
            {
                using var buffer = new MemoryStream();
                standardInput.CopyTo(buffer);
                bytes = buffer.ToArray();
            }
            else
            {
                bytes = File.ReadAllBytes(path);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--payload-file: cannot read '{path}': {error.Message}");
        }
        return base64 ? FromText(string.Concat(Encoding.ASCII.GetString(bytes).Where(c => !char.IsWhiteSpace(c))), base64: true, "--payload-file") : bytes;
    }
}

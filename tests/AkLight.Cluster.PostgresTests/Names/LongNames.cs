namespace AkLight.Cluster.PostgresTests.Names;

/// <summary>
/// Names of an exact UTF-8 length, from the shortest to the longest a topic may have. Their characters vary
/// (seeded, so a failure repeats), so a store cannot squeeze them small by compression the way it could a run
/// of one letter.
/// </summary>
public static class LongNames
{
    /// <summary>The UTF-8 lengths every kind of name is tried at: both ends of the range and around 255.</summary>
    public static readonly IReadOnlyList<(int Bytes, bool MultiByte)> Cases =
    [
        (1, false), (255, false), (256, false), (1_000, false), (65_535, false), (1_000, true), (65_535, true),
    ];

    private const string Ascii = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";
    // Two-, three- and four-byte characters (the last a surrogate pair in .NET).
    private static readonly string[] MultiByte = ["é", "ß", "€", "中", "😀", "𝄞"];

    /// <summary>A name of exactly <paramref name="bytes"/> bytes of UTF-8, with no '/', '+', '#' or U+0000.</summary>
    public static string Make(int bytes, bool multiByte, int seed)
    {
        var random = new Random(seed);
        var name = new StringBuilder(bytes);
        var left = bytes;
        while (left > 0)
        {
            var wide = multiByte ? MultiByte[random.Next(MultiByte.Length)] : null;
            if (wide is not null && Encoding.UTF8.GetByteCount(wide) <= left && random.Next(3) > 0)
            {
                name.Append(wide);
                left -= Encoding.UTF8.GetByteCount(wide);
            }
            else
            {
                name.Append(Ascii[random.Next(Ascii.Length)]);
                left--;
            }
        }
        return name.ToString();
    }

    /// <summary>How a case reads in test output: "65535 bytes, multi-byte".</summary>
    public static string Describe(int bytes, bool multiByte) => multiByte ? $"{bytes} bytes, multi-byte" : $"{bytes} bytes";
}

using System.Buffers.Binary;
using System.Text;

namespace AkLight.Storage;

/// <summary>Headers as one compact blob: a count, then length-prefixed UTF-8 names and values.</summary>
public static class HeaderCodec
{
    public static byte[]? Encode(IReadOnlyList<MessageHeader>? headers)
    {
        if (headers is null || headers.Count == 0) return null;
        var size = 4;
        foreach (var h in headers) size += 8 + Encoding.UTF8.GetByteCount(h.Name) + Encoding.UTF8.GetByteCount(h.Value);
        var buffer = new byte[size];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, headers.Count);
        var at = 4;
        foreach (var h in headers)
        {
            at = WriteString(span, at, h.Name);
            at = WriteString(span, at, h.Value);
        }
        return buffer;
    }

    public static IReadOnlyList<MessageHeader>? Decode(byte[]? blob)
    {
        if (blob is null || blob.Length < 4) return null;
        var span = blob.AsSpan();
        var count = BinaryPrimitives.ReadInt32LittleEndian(span);
        var headers = new MessageHeader[count];
        var at = 4;
        for (var i = 0; i < count; i++)
        {
            var name = ReadString(span, ref at);
            var value = ReadString(span, ref at);
            headers[i] = new MessageHeader(name, value);
        }
        return headers;
    }

    private static int WriteString(Span<byte> span, int at, string text)
    {
        var length = Encoding.UTF8.GetBytes(text, span[(at + 4)..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], length);
        return at + 4 + length;
    }

    private static string ReadString(ReadOnlySpan<byte> span, ref int at)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
        var text = Encoding.UTF8.GetString(span.Slice(at + 4, length));
        at += 4 + length;
        return text;
    }
}

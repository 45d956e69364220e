using System.Runtime.CompilerServices;

namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>
/// The text of a fault, formatted only when a sink will record it. Trying <c>anyOf</c> branches faults constantly
/// (a multivector is tried as a plain vector first), and those trials have no sink, so they format nothing.
/// </summary>
[InterpolatedStringHandler]
internal ref struct FaultMessage
{
    private DefaultInterpolatedStringHandler text;

    public FaultMessage(int literalLength, int formattedCount, ViolationSink? sink, out bool isRecorded)
    {
        isRecorded = sink is not null;
        text = isRecorded ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => text.AppendFormatted(value);

    public string ToStringAndClear() => text.ToStringAndClear();
}

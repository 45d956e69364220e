using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace NewsBot.Index.Lexical;

/// <summary>
/// The distinct terms of a text, analysed once per string instance and remembered as long as the string lives.
/// Stories and passages come from the store's cache as the same instances question after question, so measuring how
/// much of a question each candidate covers stops re-analysing the same texts. Each set is a sorted array of term
/// numbers (4 bytes a term), so remembering every story costs a few MB.
/// </summary>
public static class TermSets
{
    private static readonly ConditionalWeakTable<string, TermSet> Sets = new();
    private static readonly ConcurrentDictionary<string, int> Numbers = new(StringComparer.Ordinal);
    private static int _lastNumber;

    public static TermSet Of(string text) => Sets.GetValue(text, static t =>
    {
        var numbers = LexicalAnalyzer.Analyze(t).Select(term => Numbers.GetOrAdd(term, static _ => Interlocked.Increment(ref _lastNumber))).Distinct().ToArray();
        Array.Sort(numbers);
        return new TermSet(numbers);
    });

    /// <summary>A term's number, or -1 for a term no analysed text has held (no set contains it).</summary>
    internal static int NumberOf(string term) => Numbers.TryGetValue(term, out var number) ? number : -1;
}

/// <summary>The distinct terms of one text.</summary>
public sealed class TermSet(int[] sortedNumbers)
{
    public int Count => sortedNumbers.Length;

    public bool Contains(string term) => TermSets.NumberOf(term) is var number and >= 0 && Array.BinarySearch(sortedNumbers, number) >= 0;
}

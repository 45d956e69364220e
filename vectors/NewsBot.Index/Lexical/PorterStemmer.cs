namespace NewsBot.Index.Lexical;

/// <summary>
/// The Porter (1980) stemmer, as Martin Porter's reference C implementation has it
/// (https://tartarus.org/martin/PorterStemmer/), including its two documented departures from the paper
/// ("-logi" → "-log", "-bli" → "-ble") and leaving words of one or two letters alone.
/// Input is a lowercase word of the letters a–z; anything else is treated as a consonant.
/// </summary>
public static class PorterStemmer
{
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2) return word;
        Span<char> buffer = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        word.CopyTo(buffer);
        var stem = buffer[..Stem(buffer)];
        return stem.SequenceEqual(word) ? word : new string(stem);
    }

    /// <summary>Stems <paramref name="word"/> in place and returns the stem's length (a prefix of the buffer).</summary>
    public static int Stem(Span<char> word)
    {
        if (word.Length <= 2) return word.Length;
        var s = new State(word);
        s.Step1ab();
        if (s.K > 0)
        {
            s.Step1c();
            s.Step2();
            s.Step3();
            s.Step4();
            s.Step5();
        }
        return s.K + 1;
    }

    /// <summary>
    /// The reference implementation's working state: <c>B[0..K]</c> is the word so far and, after a successful
    /// <see cref="Ends"/>, <c>B[0..J]</c> is the stem in front of the matched suffix.
    /// </summary>
    private ref struct State(Span<char> b)
    {
        private readonly Span<char> B = b;
        public int K = b.Length - 1;
        private int J;

        private readonly bool IsConsonant(int i) => B[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !IsConsonant(i - 1),
            _ => true,
        };

        /// <summary>m, the number of vowel–consonant sequences in <c>B[0..J]</c>: [C](VC)^m[V].</summary>
        private readonly int Measure()
        {
            var n = 0;
            var i = 0;
            while (true)
            {
                if (i > J) return n;
                if (!IsConsonant(i)) break;
                i++;
            }
            i++;
            while (true)
            {
                while (true)
                {
                    if (i > J) return n;
                    if (IsConsonant(i)) break;
                    i++;
                }
                i++;
                n++;
                while (true)
                {
                    if (i > J) return n;
                    if (!IsConsonant(i)) break;
                    i++;
                }
                i++;
            }
        }

        private readonly bool VowelInStem()
        {
            for (var i = 0; i <= J; i++)
                if (!IsConsonant(i)) return true;
            return false;
        }

        private readonly bool DoubleConsonant(int j) => j >= 1 && B[j] == B[j - 1] && IsConsonant(j);

        /// <summary>cvc at <c>i-2..i</c> where the last consonant is not w, x or y: "hop", not "snow".</summary>
        private readonly bool ConsonantVowelConsonant(int i)
        {
            if (i < 2 || !IsConsonant(i) || IsConsonant(i - 1) || !IsConsonant(i - 2)) return false;
            return B[i] is not ('w' or 'x' or 'y');
        }

        private bool Ends(string suffix)
        {
            var length = suffix.Length;
            if (length > K + 1 || B[K] != suffix[^1]) return false;
            if (!B.Slice(K - length + 1, length).SequenceEqual(suffix)) return false;
            J = K - length;
            return true;
        }

        private void SetTo(string replacement)
        {
            replacement.CopyTo(B[(J + 1)..]);
            K = J + replacement.Length;
        }

        private void ReplaceIfMeasured(string replacement)
        {
            if (Measure() > 0) SetTo(replacement);
        }

        /// <summary>Plurals and -ed / -ing.</summary>
        public void Step1ab()
        {
            if (B[K] == 's')
            {
                if (Ends("sses")) K -= 2;
                else if (Ends("ies")) SetTo("i");
                else if (B[K - 1] != 's') K--;
            }
            if (Ends("eed"))
            {
                if (Measure() > 0) K--;
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                K = J;
                if (Ends("at")) SetTo("ate");
                else if (Ends("bl")) SetTo("ble");
                else if (Ends("iz")) SetTo("ize");
                else if (DoubleConsonant(K))
                {
                    K--;
                    if (B[K] is 'l' or 's' or 'z') K++;
                }
                // J == K: the Ends calls above failed, so J still marks where "-ed"/"-ing" began.
                else if (Measure() == 1 && ConsonantVowelConsonant(K)) SetTo("e");
            }
        }

        /// <summary>Terminal y → i when there is another vowel in the stem.</summary>
        public void Step1c()
        {
            if (Ends("y") && VowelInStem()) B[K] = 'i';
        }

        /// <summary>Double suffixes to single ones: -ization → -ize, -ational → -ate, …</summary>
        public void Step2()
        {
            switch (B[K - 1])
            {
                case 'a':
                    if (Ends("ational")) { ReplaceIfMeasured("ate"); break; }
                    if (Ends("tional")) { ReplaceIfMeasured("tion"); break; }
                    break;
                case 'c':
                    if (Ends("enci")) { ReplaceIfMeasured("ence"); break; }
                    if (Ends("anci")) { ReplaceIfMeasured("ance"); break; }
                    break;
                case 'e':
                    if (Ends("izer")) { ReplaceIfMeasured("ize"); break; }
                    break;
                case 'l':
                    if (Ends("bli")) { ReplaceIfMeasured("ble"); break; }
                    if (Ends("alli")) { ReplaceIfMeasured("al"); break; }
                    if (Ends("entli")) { ReplaceIfMeasured("ent"); break; }
                    if (Ends("eli")) { ReplaceIfMeasured("e"); break; }
                    if (Ends("ousli")) { ReplaceIfMeasured("ous"); break; }
                    break;
                case 'o':
                    if (Ends("ization")) { ReplaceIfMeasured("ize"); break; }
                    if (Ends("ation")) { ReplaceIfMeasured("ate"); break; }
                    if (Ends("ator")) { ReplaceIfMeasured("ate"); break; }
                    break;
                case 's':
                    if (Ends("alism")) { ReplaceIfMeasured("al"); break; }
                    if (Ends("iveness")) { ReplaceIfMeasured("ive"); break; }
                    if (Ends("fulness")) { ReplaceIfMeasured("ful"); break; }
                    if (Ends("ousness")) { ReplaceIfMeasured("ous"); break; }
                    break;
                case 't':
                    if (Ends("aliti")) { ReplaceIfMeasured("al"); break; }
                    if (Ends("iviti")) { ReplaceIfMeasured("ive"); break; }
                    if (Ends("biliti")) { ReplaceIfMeasured("ble"); break; }
                    break;
                case 'g':
                    if (Ends("logi")) { ReplaceIfMeasured("log"); break; }
                    break;
            }
        }

        /// <summary>-ic-, -full, -ness etc.</summary>
        public void Step3()
        {
            switch (B[K])
            {
                case 'e':
                    if (Ends("icate")) { ReplaceIfMeasured("ic"); break; }
                    if (Ends("ative")) { ReplaceIfMeasured(""); break; }
                    if (Ends("alize")) { ReplaceIfMeasured("al"); break; }
                    break;
                case 'i':
                    if (Ends("iciti")) { ReplaceIfMeasured("ic"); break; }
                    break;
                case 'l':
                    if (Ends("ical")) { ReplaceIfMeasured("ic"); break; }
                    if (Ends("ful")) { ReplaceIfMeasured(""); break; }
                    break;
                case 's':
                    if (Ends("ness")) { ReplaceIfMeasured(""); break; }
                    break;
            }
        }

        /// <summary>Takes off -ant, -ence etc. in context &lt;c&gt;vcvc&lt;v&gt; (m &gt; 1).</summary>
        public void Step4()
        {
            if (!EndsWithStep4Suffix()) return;
            if (Measure() > 1) K = J;
        }

        private bool EndsWithStep4Suffix() => B[K - 1] switch
        {
            'a' => Ends("al"),
            'c' => Ends("ance") || Ends("ence"),
            'e' => Ends("er"),
            'i' => Ends("ic"),
            'l' => Ends("able") || Ends("ible"),
            'n' => Ends("ant") || Ends("ement") || Ends("ment") || Ends("ent"),
            'o' => (Ends("ion") && J >= 0 && B[J] is 's' or 't') || Ends("ou"),
            's' => Ends("ism"),
            't' => Ends("ate") || Ends("iti"),
            'u' => Ends("ous"),
            'v' => Ends("ive"),
            'z' => Ends("ize"),
            _ => false,
        };

        /// <summary>Removes a final -e if m &gt; 1 (or m = 1 and not *o), and -ll → -l if m &gt; 1.</summary>
        public void Step5()
        {
            J = K;
            if (B[K] == 'e')
            {
                var m = Measure();
                if (m > 1 || (m == 1 && !ConsonantVowelConsonant(K - 1))) K--;
            }
            if (B[K] == 'l' && DoubleConsonant(K) && Measure() > 1) K--;
        }
    }
}

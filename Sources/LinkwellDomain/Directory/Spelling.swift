/// Forgiving small typos in searches: a word that is not in the directory's
/// vocabulary is matched to the words that are one or two keystrokes away.
public enum Spelling {
    /// How many edits a word of this length may be off by: none for short words
    /// (too many false friends), one from four letters, two from eight.
    public static func allowedEdits(for word: String) -> Int {
        switch word.count {
        case ..<4: 0
        case 4..<8: 1
        default: 2
        }
    }

    /// The vocabulary's words within the allowed edits of `word`, closest first.
    public static func corrections(of word: String, in vocabulary: [String], limit: Int = 3) -> [String] {
        let allowed = allowedEdits(for: word)
        guard allowed > 0 else { return [] }
        let typed = Array(word)
        return
            vocabulary
            .filter { abs($0.count - typed.count) <= allowed && $0 != word }
            .compactMap { candidate -> (String, Int)? in
                let distance = editDistance(typed, Array(candidate), cap: allowed)
                return distance <= allowed ? (candidate, distance) : nil
            }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(limit)
            .map(\.0)
    }

    /// Damerau–Levenshtein distance (adjacent swaps count as one edit), giving
    /// up early once it must exceed `cap`.
    static func editDistance(_ a: [Character], _ b: [Character], cap: Int) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > cap { return cap + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}

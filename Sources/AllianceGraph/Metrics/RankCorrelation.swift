/// Spearman's rank correlation (Spearman 1904), as used for burden-sharing.
///
/// `rho = Pearson correlation of the ranks`, ranks 1..n with tied values given the average of
/// the ranks they span (scipy.stats.spearmanr's convention). In [-1, 1]; NaN when n < 2 or
/// either variable is constant.
package enum RankCorrelation {
    /// Average ranks (1-based) of `values`.
    package static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let average = Double(start + end) / 2 + 1
            for k in start...end { ranks[order[k]] = average }
            start = end + 1
        }
        return ranks
    }

    package static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        guard x.count == y.count, x.count >= 2 else { return .nan }
        return pearson(ranks(x), ranks(y))
    }

    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        guard sxx > 0, syy > 0 else { return .nan }
        return sxy / (sxx * syy).squareRoot()
    }
}

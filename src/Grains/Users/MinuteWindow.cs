namespace OrleansProxy.Users;

/// <summary>
/// Requests and tokens of the last 60 seconds in 60 one-second buckets. A sliding count needs no entry per request
/// (a busy user's window stays 60 buckets, written with the user's usage as at most 60 <see cref="WindowSecond"/>s,
/// so a silo failover does not restart a minute's limit), and it runs on the grain's <see cref="TimeProvider"/> so
/// tests drive it with a fake clock, which <c>System.Threading.RateLimiting</c>'s limiters cannot.
/// </summary>
public sealed class MinuteWindow
{
    private const int Buckets = 60;
    private readonly long[] _second = new long[Buckets];
    private readonly int[] _requests = new int[Buckets];
    private readonly long[] _tokens = new long[Buckets];

    /// <summary>Counts one request at <paramref name="now"/>.</summary>
    public void AddRequest(DateTimeOffset now) => _requests[Bucket(now)]++;

    /// <summary>Counts <paramref name="tokens"/> used at <paramref name="now"/>.</summary>
    public void AddTokens(DateTimeOffset now, long tokens) => _tokens[Bucket(now)] += tokens;

    /// <summary>Requests in the 60 s up to <paramref name="now"/>.</summary>
    public int Requests(DateTimeOffset now)
    {
        var total = 0;
        var current = Second(now);
        for (var i = 0; i < Buckets; i++)
        {
            if (current - _second[i] < Buckets)
            {
                total += _requests[i];
            }
        }

        return total;
    }

    /// <summary>Tokens in the 60 s up to <paramref name="now"/>.</summary>
    public long Tokens(DateTimeOffset now)
    {
        var total = 0L;
        var current = Second(now);
        for (var i = 0; i < Buckets; i++)
        {
            if (current - _second[i] < Buckets)
            {
                total += _tokens[i];
            }
        }

        return total;
    }

    /// <summary>
    /// How long until the requests (or tokens) counted in the window fall to below <paramref name="limit"/>, as
    /// old buckets slide out; at least one second.
    /// </summary>
    public TimeSpan UntilBelow(DateTimeOffset now, long limit, bool tokens, long extra = 0)
    {
        var current = Second(now);
        var total = (tokens ? Tokens(now) : Requests(now)) + extra;
        // Walk from the oldest live second to the newest, dropping each until the count is under the limit.
        for (var age = Buckets - 1; age >= 0 && total >= limit; age--)
        {
            var i = (int)((current - age) % Buckets);
            if (_second[i] == current - age)
            {
                total -= tokens ? _tokens[i] : _requests[i];
                if (total < limit)
                {
                    return TimeSpan.FromSeconds(Buckets - age);
                }
            }
        }

        return TimeSpan.FromSeconds(1);
    }

    /// <summary>The non-empty seconds of the 60 s up to <paramref name="now"/>, oldest first.</summary>
    public List<WindowSecond> Export(DateTimeOffset now)
    {
        var current = Second(now);
        var seconds = new List<WindowSecond>();
        for (var age = Buckets - 1; age >= 0; age--)
        {
            var i = (int)((current - age) % Buckets);
            if (_second[i] == current - age && (_requests[i] != 0 || _tokens[i] != 0))
            {
                seconds.Add(new WindowSecond(_second[i], _requests[i], _tokens[i]));
            }
        }

        return seconds;
    }

    /// <summary>Adds what <see cref="Export"/> wrote, dropping seconds older than a minute before <paramref name="now"/>.</summary>
    public void Import(IEnumerable<WindowSecond> seconds, DateTimeOffset now)
    {
        var current = Second(now);
        foreach (var second in seconds)
        {
            if (current - second.Second is >= 0 and < Buckets)
            {
                var i = Bucket(second.Second);
                _requests[i] += second.Requests;
                _tokens[i] += second.Tokens;
            }
        }
    }

    private int Bucket(DateTimeOffset now) => Bucket(Second(now));

    private int Bucket(long second)
    {
        var i = (int)(second % Buckets);
        if (_second[i] != second)
        {
            _second[i] = second;
            _requests[i] = 0;
            _tokens[i] = 0;
        }

        return i;
    }

    private static long Second(DateTimeOffset now) => now.ToUnixTimeSeconds();
}

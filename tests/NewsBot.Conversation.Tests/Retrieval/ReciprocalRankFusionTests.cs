using NewsBot.Retrieval.Hybrid;

namespace NewsBot.Conversation.Tests.Retrieval;

public sealed class ReciprocalRankFusionTests
{
    // Qdrant's own test (lib/segment/src/common/reciprocal_rank_fusion.rs, test_rrf_scoring): the same rankings, the same scores.
    [Fact]
    public void Scores_match_Qdrants_own_test()
    {
        var fused = ReciprocalRankFusion.Fuse(["2", "1"], ["1", "2", "3"], ["5", "3", "1"]);

        Assert.Equal(["1", "2", "3", "5"], fused.Select(f => f.Id));
        Assert.Equal(1.0833334, fused[0].Score, 6);
        Assert.Equal(0.8333334, fused[1].Score, 6);
        Assert.Equal(0.5833334, fused[2].Score, 6);
        Assert.Equal(0.5, fused[3].Score, 6);
    }

    [Fact]
    public void Ties_keep_the_order_items_were_first_seen_in()
    {
        Assert.Equal(["a", "b"], ReciprocalRankFusion.Fuse(["a", "b"], ["b", "a"]).Select(f => f.Id));
        Assert.Empty(ReciprocalRankFusion.Fuse());
    }
}

using NewsBot.Testing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NewsBot.Qdrant.Tests.Live;

/// <summary>The docker compose files the README points at: the Qdrant NewsBot is tested against, a key required, a real cluster.</summary>
public sealed class ComposeFilesTests
{
    private static YamlMappingNode Services(string file)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(SharedData.RepoRoot, "deploy", "qdrant", file));
        yaml.Load(new MergingParser(new Parser(reader)));  // the cluster's nodes share settings through a << merge key
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
    }

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;

    private static string Environment(YamlNode service, string key) => Scalar(((YamlMappingNode)service)["environment"], key);

    [Fact]
    public void One_node_runs_the_Qdrant_version_the_client_is_checked_against_and_requires_a_key()
    {
        var qdrant = Services("docker-compose.yml")["qdrant"];
        Assert.Equal("qdrant/qdrant:v1.19.0", Scalar(qdrant, "image"));
        Assert.Contains("QDRANT_API_KEY", Environment(qdrant, "QDRANT__SERVICE__API_KEY"));
        Assert.True(File.Exists(Path.Combine(SharedData.Reference, "qdrant", "openapi-1.19.0.json")));
    }

    [Fact]
    public void The_cluster_has_three_nodes_that_join_the_first()
    {
        var services = Services("docker-compose.cluster.yml");
        Assert.Equal(3, services.Children.Count);
        foreach (var (name, service) in services.Children)
        {
            Assert.Equal("qdrant/qdrant:v1.19.0", Scalar(service, "image"));
            Assert.Equal("true", Environment(service, "QDRANT__CLUSTER__ENABLED"));
            Assert.Contains("QDRANT_API_KEY", Environment(service, "QDRANT__SERVICE__API_KEY"));
            var command = Scalar(service, "command");
            Assert.Contains($"--uri http://{name}:6335", command);
            if (((YamlScalarNode)name).Value != "qdrant-1") Assert.Contains("--bootstrap http://qdrant-1:6335", command);
        }
    }
}

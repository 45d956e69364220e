using NewsBot.Onnx.Tests.Models;

namespace NewsBot.Onnx.Tests;

public sealed class OnnxSessionMetadataTests
{
    [Fact]
    public void The_test_encoder_reproduces_the_model_from_the_notes() =>
        Assert.Equal(Convert.FromHexString(TestModels.NotesAddHex), TestModels.Add(producer: "handmade"));

    [Fact]
    public void Inputs_and_outputs_have_names_types_and_shapes()
    {
        using var session = OnnxSession.FromBytes(TestModels.Add());

        Assert.Equal(["A", "B"], session.Inputs.Select(i => i.Name));
        Assert.All(session.Inputs, i => Assert.Equal(TensorElementType.Float, i.ElementType));
        Assert.All(session.Inputs, i => Assert.Equal([2L], i.Shape));
        var output = Assert.Single(session.Outputs);
        Assert.Equal("C", output.Name);
        Assert.Equal([2L], output.Shape);
    }

    [Fact]
    public void Symbolic_dimensions_are_minus_one()
    {
        using var session = OnnxSession.FromBytes(TestModels.MatMulRelu());

        Assert.Equal([-1L, 3L], Assert.Single(session.Inputs).Shape);
        Assert.Equal([-1L, 2L], Assert.Single(session.Outputs).Shape);
        Assert.Equal("X: Float[?, 3]", session.Inputs[0].ToString());
    }

    [Fact]
    public void Element_types_other_than_float_are_reported()
    {
        using var cast = OnnxSession.FromBytes(TestModels.CastToFloat());
        using var three = OnnxSession.FromBytes(TestModels.ThreeOutputs());

        Assert.Equal(TensorElementType.Int64, cast.Inputs[0].ElementType);
        Assert.Equal(TensorElementType.Float, cast.Outputs[0].ElementType);
        Assert.Equal(["Sum", "Product", "Greater"], three.Outputs.Select(o => o.Name));
        Assert.Equal(TensorElementType.Bool, three.Outputs[2].ElementType);
    }

    [Fact]
    public void A_model_file_loads_like_its_bytes()
    {
        using var dir = new NewsBot.Testing.TempDir();
        var path = dir.File("matmul.onnx");
        File.WriteAllBytes(path, TestModels.MatMulRelu());

        using var session = OnnxSession.FromFile(path);

        Assert.Equal("X", session.Inputs[0].Name);
    }

    [Fact]
    public void A_missing_model_file_names_the_file()
    {
        using var dir = new NewsBot.Testing.TempDir();

        var error = Assert.Throws<FileNotFoundException>(() => OnnxSession.FromFile(dir.File("model.onnx")));

        Assert.Contains("model.onnx", error.Message);
    }

    [Fact]
    public void Bytes_that_are_not_a_model_give_ORTs_error()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.FromBytes([1, 2, 3, 4, 5]));

        Assert.NotEqual(0, error.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Session_options_are_applied()
    {
        var options = new OnnxSessionOptions { IntraOpThreads = 2, Optimization = GraphOptimizationLevel.Disabled, AllowSpinning = true };

        using var session = OnnxSession.FromBytes(TestModels.MatMulRelu(), options);
        using var result = session.Run([OnnxInput.Create("X", new float[] { 1, 2, 3 }, 1, 3)]);

        Assert.Equal(TestModels.MatMulReluExpected([1, 2, 3]), result[0].GetData<float>().ToArray());
    }

    [Fact]
    public void Invalid_session_options_are_rejected_before_ORT_sees_them()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxSession.FromBytes(TestModels.Add(), new OnnxSessionOptions { IntraOpThreads = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            OnnxSession.FromBytes(TestModels.Add(), new OnnxSessionOptions { Optimization = (GraphOptimizationLevel)42 }));
    }
}

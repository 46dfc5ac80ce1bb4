package org.transferlab.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The curriculum's CNN family: three groups of conv3×3-BN-ReLU blocks, max pooling after groups 1 and 2,
 * global average pooling and one dense layer. {@code group1} is C1×14×14, {@code group2} C2×7×7,
 * {@code group3} C3×7×7 for 28×28 inputs.
 */
abstract class ConvNet implements Architecture {
    private final int[] widths;
    private final int[] blocksPerGroup;

    ConvNet(int[] widths, int[] blocksPerGroup) {
        this.widths = widths;
        this.blocksPerGroup = blocksPerGroup;
    }

    @Override
    public Map<String, int[]> attentionPoints() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("group1", new int[]{widths[0], 14, 14});
        m.put("group2", new int[]{widths[1], 7, 7});
        m.put("group3", new int[]{widths[2], 7, 7});
        return m;
    }

    @Override
    public Map<String, int[]> features() {
        Map<String, int[]> m = attentionPoints();
        m.put(EMBEDDING, new int[]{widths[2], 1, 1});
        return m;
    }

    @Override
    public List<String[]> layerTable() {
        List<String[]> rows = new ArrayList<>();
        int size = 28;
        int in = 1;
        for (int g = 0; g < 3; g++) {
            for (int k = 0; k < blocksPerGroup[g]; k++) {
                rows.add(new String[]{"g" + (g + 1) + "_conv" + (k + 1), "conv3x3(" + widths[g] + ")-BN-ReLU",
                        widths[g] + "x" + size + "x" + size});
                in = widths[g];
            }
            if (g < 2) {
                size /= 2;
                rows.add(new String[]{"group" + (g + 1), "maxpool 2x2  [attention point]",
                        widths[g] + "x" + size + "x" + size});
            } else {
                rows.add(new String[]{"group3", "[attention point]", widths[g] + "x" + size + "x" + size});
            }
        }
        rows.add(new String[]{"gap", "global average pool  [embedding]", String.valueOf(in)});
        rows.add(new String[]{"fc", "dense " + in + "→10", "10"});
        return rows;
    }

    @Override
    public void build(NetworkBuilder b, int numClasses) {
        int in = 1;
        for (int g = 0; g < 3; g++) {
            for (int k = 0; k < blocksPerGroup[g]; k++) {
                String n = "g" + (g + 1) + "_conv" + (k + 1);
                b.conv3x3(n, in, widths[g]).batchNormRelu(n + "_bn", widths[g]);
                in = widths[g];
            }
            if (g < 2) {
                b.maxPool2("group" + (g + 1));
            }
            b.tap("group" + (g + 1));
        }
        b.globalAveragePool("gap").tap(EMBEDDING).dense("logits", in, numClasses);
    }
}

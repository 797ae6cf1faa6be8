package io.github.ntm4j.layer;

/** Every test of {@link NtmLayerNetworkTest}, on the portable SameDiff path. */
class SameDiffPathNetworkTest extends NtmLayerNetworkTest {
    @Override
    boolean fusedPath() {
        return false;
    }
}

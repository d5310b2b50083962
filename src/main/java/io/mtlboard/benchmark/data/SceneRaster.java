package io.mtlboard.benchmark.data;

import io.mtlboard.benchmark.data.FashionScenes.Scene;
import io.mtlboard.benchmark.data.FashionScenes.Surface;

/** Rasterizes the surfaces of one FashionScenes sample: z-buffer, normals from points, shading. */
final class SceneRaster {

    private static final int S = FashionScenes.SIZE;
    private static final double C = S / 2.0;

    /** Direction towards the light: up, left and towards the camera. */
    private static final double[] LIGHT = unit(-0.4, -0.5, -0.75);

    private final FashionMnist items;
    private final Surface[] surfaces;
    private final int[] owner = new int[S * S];
    private final double[] z = new double[S * S];
    private final double[] albedo = new double[S * S];

    SceneRaster(FashionMnist items, Surface[] surfaces) {
        this.items = items;
        this.surfaces = surfaces;
    }

    Scene render() {
        for (int v = 0; v < S; v++) {
            for (int u = 0; u < S; u++) {
                rasterize(u, v);
            }
        }
        float[] normals = new float[3 * S * S];
        float[] depth = new float[S * S];
        byte[] labels = new byte[S * S];
        byte[] image = new byte[3 * S * S];
        for (int p = 0; p < S * S; p++) {
            double[] n = normal(p % S, p / S);
            boolean validNormal = n != null;
            if (!validNormal) {
                n = planeNormal(surfaces[owner[p]]);
            }
            for (int c = 0; c < 3; c++) {
                normals[c * S * S + p] = validNormal ? (float) n[c] : 0f;
            }
            depth[p] = inShadow(p % S, p / S) ? 0f : (float) z[p];
            labels[p] = (byte) surfaces[owner[p]].label();
            double shade =
                    0.3 + 0.7 * Math.max(0.0, n[0] * LIGHT[0] + n[1] * LIGHT[1] + n[2] * LIGHT[2]);
            double[] tint = surfaces[owner[p]].tint();
            for (int c = 0; c < 3; c++) {
                double value = 255.0 * albedo[p] * tint[c] * shade;
                image[c * S * S + p] =
                        (byte) Math.max(0, Math.min(255, (int) Math.floor(value + 0.5)));
            }
        }
        return new Scene(image, labels, depth, normals);
    }

    private void rasterize(int u, int v) {
        int p = v * S + u;
        double x = (u + 0.5 - C) / FashionScenes.FOCAL;
        double y = (v + 0.5 - C) / FashionScenes.FOCAL;
        Surface bg = surfaces[0];
        owner[p] = 0;
        z[p] = bg.depth() / (1.0 - bg.tiltX() * x - bg.tiltY() * y);
        double checker = ((int) Math.floor(x * z[p] * 2.0) + (int) Math.floor(y * z[p] * 2.0)) & 1;
        albedo[p] = 0.35 + 0.2 * checker;
        for (int k = 1; k < surfaces.length; k++) {
            Surface s = surfaces[k];
            double su = (u + 0.5 - s.left()) / s.side();
            double sv = (v + 0.5 - s.top()) / s.side();
            if (su < 0 || su >= 1 || sv < 0 || sv >= 1) {
                continue;
            }
            int texel =
                    items.pixel(
                            s.item(),
                            (int) (sv * FashionMnist.SIDE),
                            (int) (su * FashionMnist.SIDE));
            if (texel <= FashionScenes.ALPHA) {
                continue;
            }
            double du = 2 * su - 1;
            double dv = 2 * sv - 1;
            double plane =
                    s.depth()
                            * (s.tiltX() * s.centreX() + s.tiltY() * s.centreY() - 1.0)
                            / (s.tiltX() * x + s.tiltY() * y - 1.0);
            double depth = plane - s.bulge() * (1.0 - (du * du + dv * dv) / 2.0);
            if (depth < z[p]) {
                z[p] = depth;
                owner[p] = k;
                albedo[p] = 0.15 + 0.85 * texel / 255.0;
            }
        }
    }

    /** The 3-D point seen at pixel (u, v). */
    private double[] point(int u, int v) {
        int p = v * S + u;
        return new double[] {
            (u + 0.5 - C) / FashionScenes.FOCAL * z[p],
            (v + 0.5 - C) / FashionScenes.FOCAL * z[p],
            z[p]
        };
    }

    private boolean same(int u, int v, int surface) {
        return u >= 0 && v >= 0 && u < S && v < S && owner[v * S + u] == surface;
    }

    /** Difference of points along one axis within the pixel's surface, or null when it is one pixel thin. */
    private double[] tangent(int u, int v, int du, int dv) {
        int s = owner[v * S + u];
        boolean next = same(u + du, v + dv, s);
        boolean prev = same(u - du, v - dv, s);
        if (!next && !prev) {
            return null;
        }
        double[] a = next ? point(u + du, v + dv) : point(u, v);
        double[] b = prev ? point(u - du, v - dv) : point(u, v);
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    /** Unit normal facing the camera, or null where it cannot be measured. */
    private double[] normal(int u, int v) {
        double[] tu = tangent(u, v, 1, 0);
        double[] tv = tangent(u, v, 0, 1);
        if (tu == null || tv == null) {
            return null;
        }
        double nx = tu[1] * tv[2] - tu[2] * tv[1];
        double ny = tu[2] * tv[0] - tu[0] * tv[2];
        double nz = tu[0] * tv[1] - tu[1] * tv[0];
        double[] n = unit(nx, ny, nz);
        double[] ray = point(u, v);
        if (n[0] * ray[0] + n[1] * ray[1] + n[2] * ray[2] > 0) {
            n = new double[] {-n[0], -n[1], -n[2]};
        }
        return n;
    }

    /** The normal of a surface's plane, facing the camera (for shading where none is measured). */
    private static double[] planeNormal(Surface s) {
        return unit(s.tiltX(), s.tiltY(), -1.0);
    }

    /** True on the occluded side of an occlusion edge: a 4-neighbour belongs to a nearer surface. */
    private boolean inShadow(int u, int v) {
        int p = v * S + u;
        int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        for (int[] d : steps) {
            int nu = u + d[0];
            int nv = v + d[1];
            if (nu >= 0
                    && nv >= 0
                    && nu < S
                    && nv < S
                    && owner[nv * S + nu] != owner[p]
                    && z[nv * S + nu] < z[p]) {
                return true;
            }
        }
        return false;
    }

    private static double[] unit(double x, double y, double z) {
        double n = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / n, y / n, z / n};
    }
}

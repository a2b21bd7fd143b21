// Peer for `./workbench bench pointcloud`: PCL's own readers, timed in-process.
// Build: g++ -O2 -std=c++17 pcl_read.cpp -o pcl_read $(pkg-config --cflags --libs pcl_io)
// Usage: pcl_read FILE.pcd|FILE.ply REPEATS  ->  prints "points <n> best_s <seconds>"
//        pcl_read --compress IN.pcd OUT.pcd   ->  rewrites IN as DATA binary_compressed (PCL's LZF writer)
// Reads into pcl::PointCloud<pcl::PointXYZRGB> (what a PCL user loads; the same data our reader keeps).
#include <pcl/io/pcd_io.h>
#include <pcl/io/ply_io.h>
#include <pcl/point_types.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: pcl_read FILE REPEATS\n");
        return 2;
    }
    if (std::string(argv[1]) == "--compress" && argc == 4) {
        pcl::PCLPointCloud2 blob;
        if (pcl::io::loadPCDFile(argv[2], blob) < 0) {
            return 1;
        }
        pcl::PCDWriter writer;
        return writer.writeBinaryCompressed(argv[3], blob) < 0 ? 1 : 0;
    }
    std::string file = argv[1];
    int repeats = std::atoi(argv[2]);
    bool ply = file.size() > 4 && file.substr(file.size() - 4) == ".ply";
    double best = 1e30;
    size_t n = 0;
    for (int r = 0; r < repeats; r++) {
        pcl::PointCloud<pcl::PointXYZRGB> cloud;
        auto t0 = std::chrono::steady_clock::now();
        int rc = ply ? pcl::io::loadPLYFile(file, cloud) : pcl::io::loadPCDFile(file, cloud);
        auto t1 = std::chrono::steady_clock::now();
        if (rc < 0) {
            std::fprintf(stderr, "PCL could not read %s\n", file.c_str());
            return 1;
        }
        n = cloud.size();
        best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
    }
    std::printf("points %zu best_s %.6f\n", n, best);
    return 0;
}

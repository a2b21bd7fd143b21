// Makes the LAZ test files: compresses a LAS file with LASzip (Debian 13's liblaszip 3.5, the reference
// implementation), so our LAZ reader (laszip4j) is checked against files it did not write itself.
// Build (Debian 13 or a trixie chroot, see tools/bench/pointcloud/setup-peers.sh):
//   apt-get install liblaszip-dev g++ && g++ -O2 las2laz.cpp -o las2laz -llaszip_api
// Usage: las2laz IN.las OUT.laz
#include <laszip/laszip_api.h>
#include <cstdio>

static int fail(laszip_POINTER p, const char* what) {
    laszip_CHAR* msg = nullptr;
    laszip_get_error(p, &msg);
    std::fprintf(stderr, "%s: %s\n", what, msg ? msg : "?");
    return 1;
}

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: las2laz IN.las OUT.laz\n");
        return 2;
    }
    if (laszip_load_dll()) {
        std::fprintf(stderr, "cannot load LASzip\n");
        return 1;
    }
    laszip_POINTER reader = nullptr, writer = nullptr;
    laszip_create(&reader);
    laszip_create(&writer);
    laszip_BOOL compressed = 0;
    if (laszip_open_reader(reader, argv[1], &compressed)) return fail(reader, "open reader");
    laszip_header* header = nullptr;
    laszip_get_header_pointer(reader, &header);
    laszip_point* in = nullptr;
    laszip_get_point_pointer(reader, &in);
    if (laszip_set_header(writer, header)) return fail(writer, "set header");
    if (laszip_open_writer(writer, argv[2], 1)) return fail(writer, "open writer");
    laszip_I64 n = header->number_of_point_records ? header->number_of_point_records
                                                   : (laszip_I64) header->extended_number_of_point_records;
    for (laszip_I64 i = 0; i < n; i++) {
        if (laszip_read_point(reader)) return fail(reader, "read point");
        if (laszip_set_point(writer, in)) return fail(writer, "set point");
        if (laszip_write_point(writer)) return fail(writer, "write point");
    }
    laszip_close_writer(writer);
    laszip_close_reader(reader);
    laszip_destroy(writer);
    laszip_destroy(reader);
    std::printf("%lld points\n", (long long) n);
    return 0;
}

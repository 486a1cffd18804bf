/* header_only.c — rt.h alone must compile under tcc -nostdinc -nostdlib,
 * as libtcc sees it in front of generated code. */
#include "../../runtime/rt.h"

rt_u64 header_only_probe(void);
rt_u64 header_only_probe(void) {
    RtString s = {RT_NULL, 0, 0};
    RtStr t = RT_STR("x");
    return (rt_u64)(s.len + t.len + sizeof(RtSplit) + sizeof(RtFutVtable));
}

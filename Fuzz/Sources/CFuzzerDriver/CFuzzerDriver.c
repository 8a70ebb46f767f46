// Declarations only (include/CFuzzerDriver.h); SwiftPM wants a source file.
#include "CFuzzerDriver.h"

// The keyfile reader and writer live here.

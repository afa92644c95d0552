# The seed's snippet for the `wrapper` module. Only the import line differs: the seed
# imported from cargo's output directory (`from target.debug.wrapper import HashSet`);
# here the module is installed, e.g. with `pip install ./examples/wrapper`. The seed's
# extracted text lost the lines that fill the set; `add(0)` and `add(2)` stand in for them.
from wrapper import HashSet

set = HashSet()
set.add(0)
set.add(2)

print(f"has 0: {0 in set}")
print(f"has 1: {1 in set}")

for i in set:
    print(f"found {i}")

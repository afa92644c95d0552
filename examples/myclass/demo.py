# The seed gives MyClass in Rust only, with no Python snippet; this one uses it the way
# the seed's other snippets use their modules. Installed with `pip install ./examples/myclass`.
from myclass import MyClass

print(MyClass(10).half())

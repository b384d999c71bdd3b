package Kernel::Config;
use strict;
use warnings;

sub Load {
    my $Self = shift;
    my $LdapHost = $ENV{LDAP_HOST} || 'ldap.example.com';

    $Self->{CustomerUser} = {
        Name   => 'Directory',
        Module => 'Kernel::System::CustomerUser::LDAP',
        Params => {
            Host   => $LdapHost,
            BaseDN => 'dc=example,dc=com',
            SSCOPE => 'base',
            UserAttr => 'DN',
            Params => { port => 389, raw => qr/(?i:^jpegPhoto|;binary)/ },
        },
        CustomerKey => 'uid',
        CustomerID  => 'mail',
        CacheTTL    => $Self->{SomeTTL},
    };

    $Self->{CustomerUser2} = {
        Name   => 'Web service',
        Module => 'Kernel::System::CustomerUser::HTTPBasicAuth',
    };

    $Self->{CustomerUser3} = {
        Module => 'Kernel::System::CustomerUser::DB',
        Params => { Table => 'customer_user', ForeignDB => 1 },
        CustomerUserSearchListLimit => 'lots',
        Map => [
            [ 'UserLogin',      'Username',   'login',       1, 1, 'var', '', 0, '_blank', 'AsPopup' ],
            [ 'UserEmail',      'Email',      'email',       1, 1, 'var', '', 0 ],
            [ 'UserCustomerID', 'CustomerID', 'customer_id', 0, 1, 'var', '', 0 ],
            [ 'UserFancy',      'Fancy',      lc('FANCY'),   1, 0, 'var', '', 0 ],
        ],
    };
    return 1;
}
1;
